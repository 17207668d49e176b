// postman-collection-transformer ships no types: the one call we make (a CommonJS module, so its exports are the default import).
declare module 'postman-collection-transformer' {
  const transformer: {
    convert(
      collection: unknown,
      options: { inputVersion: string; outputVersion: string; retainIds?: boolean },
      callback: (error: Error | null, result: unknown) => void,
    ): void;
  };
  export default transformer;
}
