/**
 * The instance `translate.ts` reads, in the browser: the page's own, which entry.client.tsx sets up with
 * the reader's language before React takes over, and which loads another language when the reader
 * switches. Bundling the server's instance would send every language to every visitor.
 */
export { default as textsInstance } from 'i18next'
