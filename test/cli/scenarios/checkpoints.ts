/** Checkpoint commands on the test driver's running domain: create, list (every view), info, parent, dumpxml, delete, and failures. */
import { onDefault, type Scenario } from '../harness.js';

/** A small history: c1 <- c2 <- c3, then c4 redefined under c1 (c3 stays current). */
const HISTORY = 'checkpoint-create-as test c1 --description "first <one>"; checkpoint-create-as test c2; checkpoint-create-as --domain test --name c3; '
  + 'checkpoint-create test redef.xml --redefine';
const files = {
  'chk.xml': "<domaincheckpoint><name>fromfile</name><disks><disk name='vda' bitmap='bm'/></disks></domaincheckpoint>",
  'redef.xml': '<domaincheckpoint><name>c4</name><creationTime>1500000000</creationTime><parent><name>c1</name></parent></domaincheckpoint>',
  'bad.xml': '<domaincheckpoint><name>x',
  'invalid.xml': '<domaincheckpoint><bogus/></domaincheckpoint>',
};
const run = (name: string, line: string): Scenario => ({ name: `checkpoint ${name}`, files, args: onDefault(line) });

export const checkpointScenarios: Scenario[] = [
  run('list with no checkpoints', 'checkpoint-list test; checkpoint-list test --tree; checkpoint-list test --name'),
  run('create-as and list', `${HISTORY}; checkpoint-list test; checkpoint-list test --parent; checkpoint-list test --name`),
  run('list --tree and --topological', `${HISTORY}; checkpoint-list test --tree; checkpoint-list test --topological --name`),
  run('list --from', `${HISTORY}; checkpoint-list test --from c1; checkpoint-list test --from c1 --descendants --name; checkpoint-list test --from c1 --tree; checkpoint-list test --from nope`),
  run('list filters', `${HISTORY}; checkpoint-list test --roots; checkpoint-list test --leaves --name; checkpoint-list test --no-leaves --name; checkpoint-list test --leaves --no-leaves`),
  run('list exclusive options', 'checkpoint-list test --tree --name; checkpoint-list test --parent --roots; checkpoint-list test --roots --from x; checkpoint-list test --leaves --tree; checkpoint-list test --descendants'),
  run('list unknown domain', 'checkpoint-list nope'),
  { name: 'checkpoint list quiet', files, args: ['-q', ...onDefault(`${HISTORY}; checkpoint-list test`)] },
  run('info', `${HISTORY}; checkpoint-info test c1; checkpoint-info --domain test --checkpointname c3; checkpoint-info test nope; checkpoint-info test`),
  run('parent', `${HISTORY}; checkpoint-parent test c3; checkpoint-parent test c4; checkpoint-parent test c1; checkpoint-parent test nope; checkpoint-parent test`),
  run('dumpxml', `${HISTORY}; checkpoint-dumpxml test c2; checkpoint-dumpxml test c4 --no-domain; checkpoint-dumpxml test c1 --security-info --size --xpath //disk`),
  run('dumpxml failures', `${HISTORY}; checkpoint-dumpxml test nope; checkpoint-dumpxml test; checkpoint-dumpxml nope c1; destroy test; checkpoint-dumpxml test c1 --size`),
  run('create from a file', 'checkpoint-create test chk.xml; checkpoint-dumpxml test fromfile --no-domain; checkpoint-create test; checkpoint-list test --name --topological'),
  run('create failures', 'checkpoint-create test nope.xml; checkpoint-create test bad.xml; checkpoint-create test invalid.xml; checkpoint-create test --redefine-validate chk.xml; '
    + 'checkpoint-create test chk.xml --redefine; checkpoint-create test chk.xml --redefine --quiesce; checkpoint-create nope chk.xml'),
  run('create-as --print-xml and disk specs', "checkpoint-create-as test c9 'a & b' --print-xml --diskspec vda,checkpoint=bitmap,bitmap=b1 --diskspec 'x,,y'; "
    + 'checkpoint-create-as test x --diskspec vda,foo=1 --print-xml; checkpoint-create-as test x --diskspec hda; checkpoint-create-as test y --diskspec vda,checkpoint=no; checkpoint-dumpxml test y --no-domain'),
  run('create on a shut-off domain, and beside snapshots', 'destroy test; checkpoint-create-as test c1; start test; snapshot-create-as test s1; checkpoint-create-as test c1; '
    + 'snapshot-delete test s1; checkpoint-create-as test c1; snapshot-create-as test s2; checkpoint-create-as test c1'),
  run('delete', `${HISTORY}; checkpoint-delete test c2; checkpoint-list test --tree; checkpoint-delete test c1 --children-only; checkpoint-list test --tree; checkpoint-delete test c1 --metadata; checkpoint-list test`),
  run('delete --children', `${HISTORY}; checkpoint-delete test c1 --children; checkpoint-list test --name; checkpoint-create-as test c5; checkpoint-parent test c5`),
  run('delete failures', `${HISTORY}; checkpoint-delete test nope; checkpoint-delete test; checkpoint-delete test c1 --children --children-only`),
  run('list domains with checkpoints', `list --all --with-checkpoint; list --all --without-checkpoint --name; ${HISTORY}; list --with-checkpoint --name`),
  { name: 'checkpoint commands quiet', files, args: ['-q', ...onDefault('checkpoint-create-as test c1; checkpoint-create test chk.xml; checkpoint-delete test c1')] },
];
