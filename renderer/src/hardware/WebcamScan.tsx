import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useHardwareT } from '../i18n/hardware.js';
import { NARROW_SCREEN, useMediaQuery } from '../lib/useMediaQuery.js';

/** The browser's own detector, where it exists (not in Chromium on Linux or Windows today). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = (new (opts: { formats: string[] }) => BarcodeDetectorLike) & { getSupportedFormats?: () => Promise<string[]> };

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Ctor = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? [];
    return formats.includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

const SCAN_EVERY_MS = 150;

/**
 * For counters without a scanner: reads a household card's QR code from the webcam and
 * hands the text to the counter's one lookup, as a scanner's keystrokes would be.
 * BarcodeDetector where the browser has it, jsQR (pure JavaScript) everywhere else.
 */
export function WebcamScan({ onCode, disabled }: { onCode: (text: string) => void; disabled?: boolean }) {
  const t = useHardwareT();
  const [open, setOpen] = useState(false);
  // At 1024 px the label would squeeze the scan box: the camera icon alone, named for screen readers and on hover.
  const iconOnly = useMediaQuery(NARROW_SCREEN);
  return (
    <>
      <Button
        icon={<CameraOutlined />}
        onClick={() => setOpen(true)}
        disabled={disabled}
        data-testid="webcam-open"
        aria-label={t('webcam.scan')}
        title={iconOnly ? t('webcam.scan') : undefined}
      >
        {iconOnly ? null : t('webcam.scan')}
      </Button>
      {open && (
        <WebcamDialog
          onClose={() => setOpen(false)}
          onCode={(text) => {
            setOpen(false);
            onCode(text);
          }}
        />
      )}
    </>
  );
}

function WebcamDialog({ onClose, onCode }: { onClose: () => void; onCode: (text: string) => void }) {
  const t = useHardwareT();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const found = useRef(onCode);
  useEffect(() => {
    found.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setProblem(t('webcam.none'));
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        const name = e instanceof DOMException ? e.name : '';
        return setProblem(name === 'NotFoundError' ? t('webcam.none') : t('webcam.denied', { detail: e instanceof Error ? e.message : String(e) }));
      }
      if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
      const v = video.current;
      if (!v) return;
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      const detector = await nativeDetector();
      const scan = async () => {
        if (stopped) return;
        let text: string | null = null;
        if (v.videoWidth > 0) {
          if (detector) {
            const codes = await detector.detect(v).catch(() => []);
            text = codes[0]?.rawValue ?? null;
          } else if (ctx) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            ctx.drawImage(v, 0, 0);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            text = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
          }
        }
        if (text && !stopped) found.current(text);
        else if (!stopped) timer = window.setTimeout(() => void scan(), SCAN_EVERY_MS);
      };
      void scan();
    };
    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);

  return (
    <Modal open title={t('webcam.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('webcam.close')}</Button>} destroyOnHidden>
      {problem ? (
        <Alert type="error" showIcon title={problem} data-testid="webcam-problem" />
      ) : (
        <>
          <video ref={video} muted playsInline style={{ width: '100%', background: '#000', borderRadius: 6 }} data-testid="webcam-video" />
          <div style={{ marginTop: 8, color: '#666' }}>{t('webcam.hint')}</div>
        </>
      )}
    </Modal>
  );
}
