export { csvCell, toCsv } from './csv-writer.ts';
