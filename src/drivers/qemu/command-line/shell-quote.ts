/** Quoting as libvirt writes a command for a shell (virsh domxml-to-native) and QEMU's comma escape. */

const SHELL_META = /[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/;

/** Quote one word only when it holds a shell metacharacter, as libvirt does. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (!SHELL_META.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** In QEMU's `key=value,key=value` syntax a comma inside a value is written twice. */
export function escapeComma(value: string): string {
  return value.replace(/,/g, ',,');
}
