/**
 * Imported before Eleventy (module evaluation follows import order): Eleventy registers an ESM
 * resolver hook that busts the import cache for its own watch mode. dateline imports its
 * templates itself and never uses that watch mode, and with the hook active every later import
 * in the process goes through a loader thread (measured: a large part of a build's start-up).
 */
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';

export {};
