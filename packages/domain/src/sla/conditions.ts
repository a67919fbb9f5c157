/** A rule's list condition: absent allows any value; present, the value must be one of it. */
export const listAllows = (list: readonly string[] | undefined, value: string | null): boolean =>
  !list || (value !== null && list.includes(value));
