import type { Messages } from '../types.ts';
import type zh from '../zh-CN/workspace.ts';

export default {} satisfies Messages<typeof zh>;
