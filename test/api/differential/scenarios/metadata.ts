import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const TITLE = v.VIR_DOMAIN_METADATA_TITLE;
const DESC = v.VIR_DOMAIN_METADATA_DESCRIPTION;
const ELEMENT = v.VIR_DOMAIN_METADATA_ELEMENT;
const LIVE = v.VIR_DOMAIN_AFFECT_LIVE;
const CONFIG = v.VIR_DOMAIN_AFFECT_CONFIG;
const NS = 'http://example.org/tsvirt/1';

const running: Step[] = [{ call: 'conn.defineXML', args: [domainXML('x')], as: 'x' }, { call: 'x.create' }];
const shutOff: Step[] = [running[0]!];

export const metadataScenarios: Scenario[] = [
  {
    name: 'title and description: unset, set, get, clear',
    steps: [
      ...shutOff, { call: 'x.metadata', args: [TITLE, null, 0] }, { call: 'x.metadata', args: [DESC, null, 0] },
      { call: 'x.setMetadata', args: [TITLE, 'A title', null, null, 0] }, { call: 'x.setMetadata', args: [DESC, 'Some\nlines & <text>', null, null, 0] },
      { call: 'x.metadata', args: [TITLE, null, 0] }, { call: 'x.metadata', args: [DESC, null, 0] }, { call: 'x.xmlDesc', args: [0] },
      { call: 'x.setMetadata', args: [TITLE, null, null, null, 0] }, { call: 'x.metadata', args: [TITLE, null, 0] },
      { call: 'x.setMetadata', args: [DESC, '', null, null, 0] }, { call: 'x.metadata', args: [DESC, null, 0] },
    ],
  },
  {
    name: 'title with a newline',
    steps: [...shutOff, { call: 'x.setMetadata', args: [TITLE, 'two\nlines', null, null, 0] }, { call: 'x.metadata', args: [TITLE, null, 0] }],
  },
  {
    name: 'element metadata with a namespace: set, get, replace, remove',
    steps: [
      ...shutOff, { call: 'x.metadata', args: [ELEMENT, NS, 0] },
      { call: 'x.setMetadata', args: [ELEMENT, '<info><owner>ops</owner></info>', 'app', NS, 0] },
      { call: 'x.metadata', args: [ELEMENT, NS, 0] },
      { call: 'x.setMetadata', args: [ELEMENT, '<other attr="1"/>', 'app2', NS, 0] }, { call: 'x.metadata', args: [ELEMENT, NS, 0] },
      { call: 'x.setMetadata', args: [ELEMENT, null, null, NS, 0] }, { call: 'x.metadata', args: [ELEMENT, NS, 0] },
    ],
  },
  {
    name: 'element metadata in the domain XML',
    steps: [
      ...shutOff, { call: 'x.setMetadata', args: [ELEMENT, '<info><owner>ops</owner></info>', 'app', NS, 0] }, { call: 'x.xmlDesc', args: [0] },
    ],
  },
  {
    name: 'metadata argument errors: missing or extra key and uri',
    steps: [
      ...shutOff, { call: 'x.setMetadata', args: [ELEMENT, '<a/>', null, NS, 0] }, { call: 'x.setMetadata', args: [ELEMENT, '<a/>', 'k', null, 0] },
      { call: 'x.metadata', args: [ELEMENT, null, 0] }, { call: 'x.setMetadata', args: [TITLE, 't', 'k', NS, 0] },
      { call: 'x.setMetadata', args: [DESC, 't', 'k', null, 0] }, { call: 'x.metadata', args: [DESC, NS, 0] },
      { call: 'x.setMetadata', args: [ELEMENT, null, null, NS, 0] },
    ],
  },
  {
    name: 'metadata errors: malformed element, unknown type',
    steps: [
      ...shutOff, { call: 'x.setMetadata', args: [ELEMENT, '<a>', 'k', NS, 0] },
      { call: 'x.setMetadata', args: [7, 'x', null, null, 0] }, { call: 'x.metadata', args: [7, null, 0] },
    ],
  },
  {
    name: 'metadata LIVE vs CONFIG on a running domain',
    steps: [
      ...running, { call: 'x.setMetadata', args: [TITLE, 'live', null, null, LIVE] }, { call: 'x.setMetadata', args: [TITLE, 'config', null, null, CONFIG] },
      { call: 'x.metadata', args: [TITLE, null, LIVE] }, { call: 'x.metadata', args: [TITLE, null, CONFIG] }, { call: 'x.metadata', args: [TITLE, null, 0] },
      { call: 'x.metadata', args: [TITLE, null, LIVE | CONFIG] }, { call: 'x.destroy' }, { call: 'x.metadata', args: [TITLE, null, 0] },
    ],
  },
  {
    name: 'metadata LIVE on a shut-off domain',
    steps: [...shutOff, { call: 'x.setMetadata', args: [TITLE, 't', null, null, LIVE] }, { call: 'x.metadata', args: [TITLE, null, LIVE] }],
  },
];
