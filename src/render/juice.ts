import { createRequire } from 'node:module';
import type Juice from 'juice';

/** juice, with the parts its type definitions leave out that the email's inlining reads. */
export type JuiceModule = typeof Juice & {
  utils: { parseCSS(css: string): [selector: string, declarations: unknown][] };
  Selector: new (text: string) => { parsed(): ArrayLike<{ pseudos?: { name: string }[] }> };
};

/** How the email's CSS is inlined: media queries stay in a <style> block for clients that read it. */
export const JUICE_OPTIONS: Juice.Options = { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: true };

let loaded: JuiceModule | undefined;

/**
 * juice takes about a tenth of a second to load, so it loads on first use: an email template
 * whose inlining is remembered (see EmailPlan) renders without it. juice is CommonJS, so it
 * can load synchronously, from inside a render.
 */
export function juice(): JuiceModule {
  return (loaded ??= createRequire(import.meta.url)('juice') as JuiceModule);
}
