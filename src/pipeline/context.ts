import type { CarriedPages } from '../render/incremental.js';
import type { Prescan } from '../store/listing.js';
import type { FileHash, Manifest } from '../deploy/manifest.js';
import type { RawConfig } from '../config/index.js';
import type { Diagnostic } from '../errors/types.js';
import type { LoadedContent } from '../load/types.js';
import type { ArticleHtml } from '../markdown/types.js';
import type { PhotoResult } from '../images/types.js';
import type { PageRecord, Site } from '../collections/types.js';
import type { ValidatedContent, Schedule } from '../validate/index.js';
import type { Shard } from './shard.js';
import type { InputFingerprint } from './up-to-date.js';
import type { SearchIndexResult } from '../render/search-index.js';
import type { HeldBack } from './hold-back.js';
import type { ChangeSet, ContentStore } from '../store/content-store.js';
import type { ProgressReporter } from './progress.js';

/** Options of one build (or check) run. */
export interface BuildOptions {
  /** Project folder holding content/. */
  root: string;
  /** Output folder, replaced only when the build succeeds. */
  outDir: string;
  /** Cache folder (markdown and photos). */
  cacheDir: string;
  /** The build's notion of now, epoch ms. */
  now: number;
  /** Publish drafts too. */
  drafts: boolean;
  /** Preview mode (dev server): drafts and embargoed articles are shown with a banner. */
  preview: boolean;
  /** Overrides site.yaml's baseUrl. */
  baseUrl?: string;
  /** Warnings fail the build. */
  strict: boolean;
  /** False for `dateline check`: validate everything, write nothing. */
  write: boolean;
  /** Worker threads for markdown (default: all cores). */
  threads?: number;
  /** A previous manifest.json or list of URLs: fail for URLs gone without a redirect (`check --against`). */
  against?: string;
  /** Build one share of the pages (`--shard i/n`). */
  shard?: Shard;
  /** The inputs' fingerprint when the caller already took it (see up-to-date.ts). */
  inputs?: InputFingerprint;
  /** The content folder's listing and the output's file count, under way on another thread (store/listing.ts). */
  prescan?: Prescan;
  /** Render only the pages that changed since the previous output (default true). */
  incremental?: boolean;
  /** Also fetch external links (`check --external`). */
  external?: boolean;
  /** Build everything that has no errors; hold back the articles that do (`build --keep-going`). */
  keepGoing?: boolean;
  /** The files that changed since the previous run in this process (the dev watcher's change set): only these are looked at. */
  changed?: string[];
  /**
   * Write into the output folder itself (the preview of `dateline dev`): only what changed is
   * written and what is gone removed; no staging copy, no swap, no deploy manifest.
   */
  inPlace?: boolean;
  /**
   * Write the content store a moment after the build rather than before it returns (the preview:
   * the page is served without waiting for it; `ContentStore.flushAll()` writes it on exit).
   */
  saveStoreLater?: boolean;
  /**
   * Called once the pages are written, before feeds, sitemaps and the search index (the preview
   * reloads the browser then: those do not change what a page shows).
   */
  pagesWritten?: (ctx: BuildContext) => void;
  /** Told about each step and its items as the build goes (the CLI shows it on a terminal). */
  progress?: ProgressReporter;
}

/** What the stages have produced so far; each step reads only what it needs. */
export interface BuildContext {
  options: BuildOptions;
  diagnostics: Diagnostic[];
  raw?: RawConfig;
  /** The content store (src/store) and what its scan found changed. */
  store?: ContentStore;
  changes?: ChangeSet;
  loaded?: LoadedContent;
  content?: ValidatedContent;
  schedule?: Schedule;
  html?: Map<string, ArticleHtml>;
  markdownStats?: { processed: number; cached: number };
  photos?: PhotoResult;
  site?: Site;
  /** The inputs as they were when the build started (recorded for the next build's up-to-date check). */
  inputs?: InputFingerprint;
  /** Every page's render key (render/page-keys.ts). */
  pageKeys?: Map<PageRecord, string>;
  /** Hash and size of each file this run wrote from memory, by output path: the manifest does not read them back. */
  fileHashes?: Map<string, FileHash>;
  /** Folder the build writes into before it replaces the output. */
  stagingDir?: string;
  /**
   * Folder whose `media/` receives photos, cards and documents: the staging folder, or (an
   * incremental build over a published output) the output itself, whose media folder is carried
   * into the new output when it is published (see output-folder.ts).
   */
  mediaRoot?: string;
  /** Folders of unchanged pages kept whole from the published output: moved into the new output when it is published. */
  carried?: CarriedPages;
  /** The published output's manifest, once read (incremental builds over a published output). */
  previousManifest?: Manifest;
  /** The search index being built (started while pages render; the search step waits for it). */
  searchTask?: Promise<SearchIndexResult>;
  /** Records given to Pagefind by this run, and records served from the delta bundle. */
  searchStats?: { indexed: number; delta: number };
  /** Articles held back with `--keep-going` because they have errors. */
  heldBack?: HeldBack[];
  /** What the build wrote: `rendered` pages went through the templates, `changed` files are not the previous output's. */
  written?: { pages: number; rendered?: number; feeds: number; sitemaps: number; files: number; changed?: number; searchPages: number };
}

/** A named step of the pipeline. */
export interface Step {
  name: string;
  /** Steps that only make sense when writing are skipped by `check`. */
  writes?: boolean;
  run(ctx: BuildContext): Promise<void> | void;
}
