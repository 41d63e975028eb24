// Node entry of the tactful package. Node cannot `fetch` a file: URL, so
// the WebAssembly is read from the file next to this one and instantiated
// synchronously on import: `import { analyze } from "tactful"` needs no
// init step. Browsers and bundlers get tactful.js and call `init()`.
import { readFileSync } from "node:fs";
import { initSync } from "./tactful.js";

initSync({ module: readFileSync(new URL("./tactful_bg.wasm", import.meta.url)) });

export * from "./tactful.js";
export { default } from "./tactful.js";
