import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

/**
 * One domain in each interesting condition: test (running, persistent), off (shut off),
 * auto (shut off, autostart), paused (persistent, paused), saved (managed save image),
 * trans (transient, running), tpaused (transient, paused).
 */
const MIXED: Step[] = [
  { call: 'conn.defineXML', args: [domainXML('off')] },
  { call: 'conn.defineXML', args: [domainXML('auto')], as: 'auto' }, { call: 'auto.setAutostart', args: [1] },
  { call: 'conn.defineXML', args: [domainXML('paused')], as: 'p' }, { call: 'p.create' }, { call: 'p.suspend' },
  { call: 'conn.defineXML', args: [domainXML('saved')], as: 's' }, { call: 's.create' }, { call: 's.managedSave', args: [0] },
  { call: 'conn.createXML', args: [domainXML('trans'), 0] },
  { call: 'conn.createXML', args: [domainXML('tpaused'), 0], as: 'tp' }, { call: 'tp.suspend' },
];

const L = (flags: number): Step => ({ call: 'conn.listAllDomains', args: [flags] });

const FLAG_SETS: [string, number[]][] = [
  ['no filter', [0]],
  ['active / inactive', [v.VIR_CONNECT_LIST_DOMAINS_ACTIVE, v.VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    v.VIR_CONNECT_LIST_DOMAINS_ACTIVE | v.VIR_CONNECT_LIST_DOMAINS_INACTIVE]],
  ['persistent / transient', [v.VIR_CONNECT_LIST_DOMAINS_PERSISTENT, v.VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
    v.VIR_CONNECT_LIST_DOMAINS_PERSISTENT | v.VIR_CONNECT_LIST_DOMAINS_TRANSIENT]],
  ['running / paused / shutoff / other', [v.VIR_CONNECT_LIST_DOMAINS_RUNNING, v.VIR_CONNECT_LIST_DOMAINS_PAUSED,
    v.VIR_CONNECT_LIST_DOMAINS_SHUTOFF, v.VIR_CONNECT_LIST_DOMAINS_OTHER,
    v.VIR_CONNECT_LIST_DOMAINS_RUNNING | v.VIR_CONNECT_LIST_DOMAINS_PAUSED]],
  ['managed save', [v.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, v.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
    v.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | v.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE]],
  ['autostart', [v.VIR_CONNECT_LIST_DOMAINS_AUTOSTART, v.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART]],
  ['snapshots', [v.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, v.VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT]],
  ['checkpoints', [v.VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, v.VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT]],
  ['combined filters', [
    v.VIR_CONNECT_LIST_DOMAINS_ACTIVE | v.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    v.VIR_CONNECT_LIST_DOMAINS_ACTIVE | v.VIR_CONNECT_LIST_DOMAINS_TRANSIENT | v.VIR_CONNECT_LIST_DOMAINS_PAUSED,
    v.VIR_CONNECT_LIST_DOMAINS_INACTIVE | v.VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
    v.VIR_CONNECT_LIST_DOMAINS_SHUTOFF | v.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | v.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
  ]],
  ['unknown flag', [1 << 20]],
];

export const listScenarios: Scenario[] = [
  ...FLAG_SETS.map(([what, flags]): Scenario => ({ name: `listAllDomains: ${what}`, steps: [...MIXED, ...flags.map(L)] })),
  {
    name: 'older num/list calls on mixed domains',
    steps: [
      ...MIXED, { call: 'conn.numOfDomains' }, { call: 'conn.listDomainsID' },
      { call: 'conn.numOfDefinedDomains' }, { call: 'conn.listDefinedDomains' },
    ],
  },
  {
    name: 'states and reasons of mixed domains',
    steps: [
      ...MIXED,
      ...['off', 'auto', 'paused', 'saved', 'trans', 'tpaused'].flatMap((name): Step[] => [
        { call: 'conn.lookupByName', args: [name], as: name }, { call: `${name}.state` }, { call: `${name}.info` },
        { call: `${name}.hasManagedSaveImage`, args: [0] }, { call: `${name}.autostart` },
      ]),
    ],
  },
];
