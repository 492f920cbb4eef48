import * as wts from 'web-tree-sitter'
export = wts
