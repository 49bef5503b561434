import type Juice from 'juice';

/** juice, with the parts its type definitions leave out that the email's inlining reads. */
export type JuiceModule = typeof Juice & {
  utils: { parseCSS(css: string): [selector: string, declarations: unknown][] };
  Selector: new (text: string) => { parsed(): ArrayLike<{ pseudos?: { name: string }[] }> };
};

/** How the email's CSS is inlined: media queries stay in a <style> block for clients that read it. */
export const JUICE_OPTIONS: Juice.Options = { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: true };

/** juice takes about a tenth of a second to load, so only what renders emails loads it. */
export async function loadJuice(): Promise<JuiceModule> {
  return (await import('juice')).default as JuiceModule;
}
