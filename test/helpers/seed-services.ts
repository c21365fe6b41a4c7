import { DictionaryTranslator } from '../../src/world/media/dictionary-translator.js';
import { PaddleOcrEngine } from '../../src/world/media/paddle-ocr-engine.js';

/**
 * One OCR engine and one dictionary per test process: both load their data on first use (a few
 * seconds), so sharing them keeps the tests quick. Neither holds world state.
 */
export const sharedOcrEngine = new PaddleOcrEngine();
export const sharedTranslator = new DictionaryTranslator();
