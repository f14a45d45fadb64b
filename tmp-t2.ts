import * as fs from 'fs';
import { parseNumberedText } from './src/question-bank/parsers/text.parser';
const r = parseNumberedText(fs.readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(r, null, 1));
