import type { Messages } from '../types.ts';
import type zh from '../zh-CN/cases.ts';

export default {} satisfies Messages<typeof zh>;
