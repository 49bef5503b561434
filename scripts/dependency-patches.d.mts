// Types of dependency-patches.mjs, for the test that holds the patched code to the original.
export interface DependencyPatch {
  file: string;
  replacements: [string, string][];
}
export const dependencyPatches: DependencyPatch[];
export function patchFor(id: string): DependencyPatch | undefined;
export function applyPatch(patch: DependencyPatch, code: string): string;
export function patchDependencies(): object;
