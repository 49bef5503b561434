import type { Templates } from './templates.js';
import type { IssueSummary, IssueView } from './view.js';

/** An issue's view without its neighbours: all its web page shows but the links to them. */
export type WebView = Omit<IssueView, 'previous' | 'next'>;

/**
 * An issue's web page, the only file of an issue that shows its neighbours: when one of them
 * changes, the page is made again from the issue's view (kept by the build cache), and its
 * other files stay as they are. Apart from the renderers, so that doing so loads no Markdown.
 */
export function renderWebPage(templates: Pick<Templates, 'web'>, view: WebView, neighbours: { previous?: IssueSummary; next?: IssueSummary }): string {
  return templates.web({ ...view, ...neighbours });
}
