// Eleventy 3 ships no type declarations; this is the part of its programmatic API dateline uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input: string, output: string, options?: { quietMode?: boolean; configPath?: string | false; config?: (cfg: any) => void });
    write(): Promise<unknown>;
    disableLogger(): void;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
