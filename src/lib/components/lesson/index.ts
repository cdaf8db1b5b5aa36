// The components lesson Markdown may use (see lessons/README.md).
export { default as Check } from './Check.svelte';
export { default as Document } from './Document.svelte';
export { default as Excerpt } from './Excerpt.svelte';
export { default as Extension } from './Extension.svelte';
export { default as OtherSources } from './OtherSources.svelte';
export { default as Term } from './Term.svelte';
