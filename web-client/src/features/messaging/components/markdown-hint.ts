/** What every message box says about formatting. */
export const MARKDOWN_HINT = 'Markdown works: **bold**, *italic*, [links](https://…), lists. No images or HTML.';
