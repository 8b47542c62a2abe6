export declare function hashOf(file: string): string;
export declare function hashesOf(root: string, files: readonly string[]): Record<string, string>;
export declare function inputsCurrent(root: string, inputs: Record<string, string> | undefined): boolean;
export declare function readRecord<T = any>(file: string): T | undefined;
export declare function writeRecord(file: string, record: unknown): void;
