import { Type, type TProperties } from '@sinclair/typebox';

/** NT's `{ result, errMsg }`, which NapCat passes through for many extension actions (0 and "" on success). */
export const NtResult = Type.Object({ result: Type.Integer({ description: '0 on success' }), errMsg: Type.String() });

/** NT's result with the action's own fields beside `result` and `errMsg`. */
export const ntResultWith = <P extends TProperties>(properties: P) =>
  Type.Object({ result: Type.Integer({ description: '0 on success' }), errMsg: Type.String(), ...properties });
