/**
 * vshTreePrint: an ASCII tree of named items that point to their parent by name (snapshot-list
 * --tree, nodedev-list --tree), laid out exactly as virsh does, trailing blanks included.
 */
export interface TreeItem {
  name: string;
  parent: string | null;
}

export function formatTree(items: readonly TreeItem[], root: number): string {
  let out = '';
  let indent = '';
  const walk = (at: number, last: number, isRoot: boolean): void => {
    const name = items[at]!.name;
    out += `${indent}${isRoot ? '' : '+- '}${name}\n`;
    if (!isRoot) indent += `${at === last ? ' ' : '|'} `;
    let lastChild = -1;
    items.forEach((item, i) => {
      if (item.parent === name) lastChild = i;
    });
    if (lastChild !== -1) out += `${indent}  |\n`;
    indent += '  ';
    items.forEach((item, i) => {
      if (item.parent === name) walk(i, lastChild, false);
    });
    indent = indent.slice(0, -2);
    if (lastChild === -1 && at === last) out += `${indent}\n`;
    if (!isRoot) indent = indent.slice(0, -2);
  };
  walk(root, root, true);
  return out;
}

/** Every root's tree, in the items' order (the --tree listings). */
export function formatForest(items: readonly TreeItem[]): string {
  let out = '';
  items.forEach((item, i) => {
    if (item.parent === null) out += formatTree(items, i);
  });
  return out;
}
