/** Marks around matched words in search snippets (control characters no document text keeps). */
export const MATCH_START = '\u0002'
export const MATCH_END = '\u0003'
