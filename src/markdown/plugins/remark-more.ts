import type { Root, Html, RootContent } from 'mdast';
import type { VFile } from 'vfile';

/** Options of remarkMore. */
export interface Options {
  /** The HTML comment that marks the end of the teaser. */
  marker?: RegExp;
}

/**
 * Finds `<!-- more -->` among the top-level blocks: the blocks before it are the teaser.
 * Records their count in `file.data.teaserBlocks`, removes the marker, and warns about a second one.
 */
export default function remarkMore(options: Options = {}) {
  const marker = options.marker ?? /^<!--\s*more\s*-->$/i;
  return (tree: Root, file: VFile) => {
    const kept: RootContent[] = [];
    let seen = false;
    for (const node of tree.children) {
      if (node.type === 'html' && marker.test((node as Html).value.trim())) {
        if (seen) file.message('There is more than one `<!-- more -->` marker; the first one ends the teaser.', { place: node.position, ruleId: 'more-marker-duplicate', source: 'body' });
        else (file.data as { teaserBlocks?: number }).teaserBlocks = kept.length;
        seen = true;
        continue;
      }
      kept.push(node);
    }
    tree.children = kept;
  };
}
