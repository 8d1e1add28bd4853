/**
 * Content import and export: content packs and PTC folders in, PTC folders out.
 */
export { ensureBundledContent, findContentPacks, loadContentPacks } from './bundled';
export { exportPtc, type ExportSummary } from './exportPtc';
export {
	importContent,
	readContent,
	type ImportOptions,
	type ImportProgress
} from './importContent';
export { ImportError } from './importError';
export { formatSummary, type ImportSummary } from './summary';
