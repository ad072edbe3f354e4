import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const test: Step = { call: 'conn.lookupByName', args: ['test'], as: 'd' };
const look: Step[] = [{ call: 'd.state' }, { call: 'd.info' }, { call: 'd.isActive' }, { call: 'd.id' }];
/** The default domain, shut off. */
const stopped: Step[] = [test, { call: 'd.destroy' }];

export const lifecycleScenarios: Scenario[] = [
  { name: 'destroy a running domain, then destroy again', steps: [test, { call: 'd.destroy' }, ...look, { call: 'd.destroy' }] },
  { name: 'start a shut-off domain, then start again', steps: [...stopped, { call: 'd.create' }, ...look, { call: 'd.create' }] },
  { name: 'start paused with createWithFlags', steps: [...stopped, { call: 'd.createWithFlags', args: [v.VIR_DOMAIN_START_PAUSED] }, ...look] },
  { name: 'suspend, suspend again, resume, resume again', steps: [test, { call: 'd.suspend' }, ...look, { call: 'd.suspend' }, { call: 'd.resume' }, { call: 'd.state' }, { call: 'd.resume' }] },
  { name: 'suspend and resume a shut-off domain', steps: [...stopped, { call: 'd.suspend' }, { call: 'd.resume' }, { call: 'd.state' }] },
  { name: 'shutdown a running domain, then again', steps: [test, { call: 'd.shutdown' }, ...look, { call: 'd.shutdown' }] },
  { name: 'shutdown a paused domain', steps: [test, { call: 'd.suspend' }, { call: 'd.shutdown' }, { call: 'd.state' }] },
  { name: 'destroy a paused domain', steps: [test, { call: 'd.suspend' }, { call: 'd.destroy' }, { call: 'd.state' }] },
  { name: 'reboot and reset a running domain', steps: [test, { call: 'd.reboot', args: [0] }, ...look, { call: 'd.reset', args: [0] }, ...look] },
  { name: 'reboot and reset a shut-off domain', steps: [...stopped, { call: 'd.reboot', args: [0] }, { call: 'd.reset', args: [0] }] },
  { name: 'reboot and reset a paused domain', steps: [test, { call: 'd.suspend' }, { call: 'd.reboot', args: [0] }, { call: 'd.state' }, { call: 'd.reset', args: [0] }, { call: 'd.state' }] },
  {
    name: 'save to a file and restore it',
    steps: [
      test, { call: 'd.save', args: ['$TMP/test.save'] }, ...look, { call: 'd.save', args: ['$TMP/again.save'] },
      { call: 'conn.restore', args: ['$TMP/test.save'] }, { call: 'conn.lookupByName', args: ['test'], as: 'r' },
      { call: 'r.state' }, { call: 'r.id' }, { call: 'conn.restore', args: ['$TMP/test.save'] },
    ],
  },
  { name: 'restore a missing file', steps: [{ call: 'conn.restore', args: ['$TMP/missing.save'] }] },
  { name: 'restore while the saved domain runs again', steps: [test, { call: 'd.save', args: ['$TMP/t.save'] }, { call: 'd.create' }, { call: 'conn.restore', args: ['$TMP/t.save'] }] },
  { name: 'save a shut-off domain', steps: [...stopped, { call: 'd.save', args: ['$TMP/off.save'] }] },
  {
    name: 'managed save, start from it, remove it',
    steps: [
      test, { call: 'd.hasManagedSaveImage', args: [0] }, { call: 'd.managedSave', args: [0] }, ...look,
      { call: 'd.hasManagedSaveImage', args: [0] }, { call: 'd.create' }, { call: 'd.state' },
      { call: 'd.hasManagedSaveImage', args: [0] }, { call: 'd.managedSave', args: [0] }, { call: 'd.managedSaveRemove', args: [0] },
      { call: 'd.hasManagedSaveImage', args: [0] }, { call: 'd.state' },
    ],
  },
  { name: 'managed save of a shut-off domain', steps: [...stopped, { call: 'd.managedSave', args: [0] }, { call: 'd.managedSaveRemove', args: [0] }] },
  { name: 'managed save of a paused domain keeps it paused', steps: [test, { call: 'd.suspend' }, { call: 'd.managedSave', args: [0] }, { call: 'd.state' }, { call: 'd.create' }, { call: 'd.state' }] },
  {
    name: 'managed save of a transient domain',
    steps: [{ call: 'conn.createXML', args: [domainXML('tr'), 0], as: 't' }, { call: 't.managedSave', args: [0] }],
  },
  { name: 'autostart get and set', steps: [test, { call: 'd.autostart' }, { call: 'd.setAutostart', args: [1] }, { call: 'd.autostart' }, { call: 'd.setAutostart', args: [0] }, { call: 'd.autostart' }] },
  {
    name: 'autostart of a transient domain',
    steps: [{ call: 'conn.createXML', args: [domainXML('tr'), 0], as: 't' }, { call: 't.setAutostart', args: [1] }, { call: 't.autostart' }],
  },
  {
    name: 'ids handed out in start order, new id on restart',
    steps: [
      { call: 'conn.defineXML', args: [domainXML('a')], as: 'a' }, { call: 'conn.defineXML', args: [domainXML('b')], as: 'b' },
      { call: 'b.create' }, { call: 'a.create' }, { call: 'a.id' }, { call: 'b.id' }, test, { call: 'd.destroy' }, { call: 'd.create' },
      { call: 'd.id' }, { call: 'conn.listDomainsID' }, { call: 'conn.lookupByID', args: [2] }, { call: 'conn.lookupByID', args: [1] },
      { call: 'a.destroy' }, { call: 'a.id' }, { call: 'a.create' }, { call: 'a.id' }, { call: 'conn.numOfDomains' },
    ],
  },
];
