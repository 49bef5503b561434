import { repeatFromEarlierIssue } from './repeats.js';
import type { FolderRule } from './types.js';

/**
 * The rules that compare the issues of a folder, in the registry's order. Listed apart from
 * the registry, so that the thread that runs them after every draft is read loads none of the
 * draft rules and the parsers they import.
 */
export const FOLDER_RULES: readonly FolderRule[] = [repeatFromEarlierIssue];
