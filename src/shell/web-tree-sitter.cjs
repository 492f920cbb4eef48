// CommonJS hop: web-tree-sitter's ESM build does `await import("module")` for createRequire, which ncc's ESM
// output breaks. Its CommonJS build bundles cleanly (see docs/ARCHITECTURE.md, "Bundling web-tree-sitter").
module.exports = require('web-tree-sitter')
