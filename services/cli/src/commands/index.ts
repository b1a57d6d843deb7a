import type { Command } from '../command.ts';

/** Every sub-command of `netra`. Each lives in its own file in this folder. */
export const commands: Command[] = [];
