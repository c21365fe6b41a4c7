import type { FaultPreset } from '../../contract/admin/faults.js';

/**
 * NapCat's own failure texts when QQ fails, byte for byte. NapCat's send waits for the kernel's
 * sendMsg (NodeIKernelMsgService/sendMsg) and for the message to show up as sent
 * (NodeIKernelMsgListener/onMsgInfoListUpdate); what the kernel answered is printed as
 * `EventRet`, JSON with 4-space indents. "EventChecker Failed" means the kernel refused at once
 * (result ≠ 0); "Timeout" means nothing came back in time (10 s by default, NapCat's
 * `timeout.baseTimeout`). Sources for each: docs/faults.md.
 */
const sendEvent = 'NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate';

function eventRet(value: object): string {
  return `EventRet:\n${JSON.stringify(value, null, 4)}\n`;
}

export const presetMessages: Record<FaultPreset, string> = {
  // Risk control (风控): the kernel accepts the send (result 0) but the message never goes out.
  risk_control: `Timeout: ${sendEvent} ${eventRet({ result: 0, errMsg: '' })}`,
  // A hung kernel (the "zombie" state): sendMsg itself never answers.
  send_timeout: `Timeout: ${sendEvent} ${eventRet({})}`,
  // Sending to a group the account was removed from.
  not_member: `EventChecker Failed: ${sendEvent} ${eventRet({ result: 110, errMsg: '发送失败，你已被移出该群，请重新加群。' })}`,
  // Sending after QQ logged the account out.
  logged_out: `EventChecker Failed: ${sendEvent} ${eventRet({ result: 1006514, errMsg: '网络连接异常!' })}`,
  // An image, voice or file upload that failed.
  rich_media_failed: `EventChecker Failed: ${sendEvent} ${eventRet({ result: -1, errMsg: 'rich media transfer failed' })}`,
};

/** How long NapCat waits for a send before answering Timeout (its `timeout.baseTimeout` default). */
export const napcatSendTimeoutMs = 10_000;

/**
 * NapCat answers a failed action with retcode 1200 over WebSocket and 200 over HTTP (its HTTP
 * handler and its WebSocket handler pass different codes for the same error).
 */
export function napcatFailureRetcode(transport: string): number {
  return transport.includes('ws') ? 1200 : 200;
}
