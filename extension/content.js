// Content script entry (classic script: manifest content scripts cannot be
// modules). It loads the real code as ES modules from the extension's own
// files, so the underline module is the very file the page uses
// (lib/underline.js). The modules run in this isolated world, with the
// extension APIs; the engine itself runs in the service worker.
(async () => {
  try {
    const { start } = await import(chrome.runtime.getURL('content/main.js'));
    await start();
  } catch (error) {
    console.warn('Tactful could not start on this page:', error);
  }
})();
