/** zod behind one module, bundled by `npm run compile` like unified.ts (its ~95 files load as one). */
export { z } from 'zod';
