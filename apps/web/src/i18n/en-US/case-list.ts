import type { Messages } from '../types.ts';
import type zh from '../zh-CN/case-list.ts';

export default {} satisfies Messages<typeof zh>;
