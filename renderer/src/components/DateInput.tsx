import { Input, type InputProps } from 'antd';

/**
 * The browser's own date or month box, as wide as its content needs. Chromium sizes a
 * date/month input for the longest value of the browser's locale ("September 2026" in
 * English, "2026年09月" in Chinese) when its width is auto; a fixed width cut the English
 * month to "December 202". antd gives every input width 100%, so auto is set here, once,
 * for every date picker of the app.
 */
export function DateInput({ kind = 'date', style, ...rest }: Omit<InputProps, 'type'> & { kind?: 'date' | 'month' }) {
  return <Input {...rest} type={kind} className={['fit-picker', rest.className].filter(Boolean).join(' ')} style={{ ...style, width: 'auto', flex: 'none' }} />;
}
