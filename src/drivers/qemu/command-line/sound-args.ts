/** Sound devices as `-device` arguments: the card, and for HDA cards their codecs on the card's bus. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import type { AliasMap } from './aliases.js';
import type { ArgList } from './args.js';
import { usbProps } from './display-args.js';
import { pciProps } from './pci-props.js';

export const CARD_DRIVERS: Record<string, string> = {
  es1370: 'ES1370', ac97: 'AC97', ich6: 'intel-hda', ich9: 'ich9-intel-hda', usb: 'usb-audio', sb16: 'sb16',
};
const HDA_MODELS = new Set(['ich6', 'ich7', 'ich9']);
export const CODEC_DRIVERS: Record<string, string> = { duplex: 'hda-duplex', micro: 'hda-micro', output: 'hda-output' };

/** The audio backend a sound device plays through: the one its `<audio id>` names, else the first. */
function audioId(def: DomainDef, sound: XNode): string | undefined {
  const wanted = getAttr(getChild(sound, 'audio'), 'id');
  const audio = wanted === undefined ? def.devices.lists.audio[0]
    : def.devices.lists.audio.find((au) => getAttr(au, 'id') === wanted);
  return audio ? `audio${getAttr(audio, 'id')}` : undefined;
}

export function soundArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const sound of def.devices.lists.sound) {
    const model = getAttr(sound, 'model') ?? '';
    if (model === 'pcspk') {
      a.add('-soundhw', 'pcspk');
      continue;
    }
    const driver = CARD_DRIVERS[model];
    if (!driver) throw unsupported(`tsvirt cannot yet build sound devices of model '${model}'`);
    const id = aliases.get(sound)!;
    const hda = HDA_MODELS.has(model);
    a.json('-device', { driver, id, audiodev: hda ? undefined : audioId(def, sound), ...(model === 'usb' ? usbProps(sound) : pciProps(sound, q35)) });
    if (!hda) continue;
    const codecs = sound.children.filter((c) => c.name === 'codec');
    const types = codecs.length ? codecs.map((c) => getAttr(c, 'type') ?? 'duplex') : ['duplex'];
    types.forEach((type, cad) => {
      a.json('-device', { driver: CODEC_DRIVERS[type], id: `${id}-codec${cad}`, bus: `${id}.0`, cad, audiodev: audioId(def, sound) });
    });
  }
}
