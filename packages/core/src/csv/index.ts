export { csvCell, toCsv, toCsvChunks } from './csv-writer.ts';
