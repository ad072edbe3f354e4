#!/usr/bin/env node
/** tsvirsh: the virsh-compatible shell of tsvirt. See docs/tsvirsh.md. */
import { runTsvirsh } from './run.js';

process.exitCode = await runTsvirsh(process.argv.slice(2), process.env);
