/** The ids of `list` with the item at `index` moved one place up (-1) or down (+1). */
export function moved(list: readonly { id: string }[], index: number, by: -1 | 1): string[] {
  const ids = list.map((x) => x.id);
  const to = index + by;
  if (to < 0 || to >= ids.length) return ids;
  const [item] = ids.splice(index, 1);
  if (item !== undefined) ids.splice(to, 0, item);
  return ids;
}
