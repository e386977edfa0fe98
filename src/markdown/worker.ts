import { renderMarkdownSafely } from './render.js';
import type { ArticleHtml, MarkdownInput } from './types.js';

/** Worker-pool entry: renders a batch of bodies and returns plain data. */
export default function renderBatch(inputs: MarkdownInput[]): ArticleHtml[] {
  return inputs.map(renderMarkdownSafely);
}
