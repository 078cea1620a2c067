/*
 * A fake second-generation ID card reader library for the tests: it exports the same
 * functions, with the same signatures, as 华视 CVR-100's termb.dll / libtermb.so
 * (CVR_InitComm, CVR_Authenticate, CVR_Read_Content, GetPeopleIDCode …) and as the
 * public SDTAPI used by 精伦 iDR210 and others (SDT_OpenPort, SDT_StartFindIDCard,
 * SDT_SelectIDCard, SDT_ReadBaseMsg). A card is "on the reader" while CARD_FILE exists;
 * its first line is the name (UTF-8), its second the ID number. Only port 1001 (the
 * first USB reader) has a reader on it.
 *
 * Built by the tests with: cc -shared -fPIC -DCARD_FILE='"/path/card.txt"' -o libfake.so
 */
#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#define STDCALL __stdcall
#else
#define EXPORT __attribute__((visibility("default")))
#define STDCALL
#endif

#ifndef CARD_FILE
#error "CARD_FILE must be defined"
#endif

#define USB_PORT 1001

static int cvr_open = 0;
static int sdt_open = 0;
static int have_card = 0;
static char card_name[128];
static char card_id[64];
/* How many times the application asked for the address or the photo: tests check 0. */
static int private_reads = 0;

static void chomp(char *s) {
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = 0;
}

static int load_card(void) {
  FILE *f = fopen(CARD_FILE, "r");
  if (!f) return 0;
  card_name[0] = 0;
  card_id[0] = 0;
  if (!fgets(card_name, sizeof card_name, f) || !fgets(card_id, sizeof card_id, f)) {
    fclose(f);
    return 0;
  }
  fclose(f);
  chomp(card_name);
  chomp(card_id);
  return card_id[0] != 0;
}

/* ---- 华视 CVR-100: 1 is success, anything else a failure ---- */

EXPORT int STDCALL CVR_InitComm(int port) {
  if (port != USB_PORT) return 0;
  cvr_open = 1;
  return 1;
}

EXPORT int STDCALL CVR_CloseComm(void) {
  cvr_open = 0;
  have_card = 0;
  return 1;
}

EXPORT int STDCALL CVR_Authenticate(void) {
  if (!cvr_open) return 0;
  have_card = load_card();
  return have_card ? 1 : 0;
}

EXPORT int STDCALL CVR_Read_Content(int active) {
  (void)active;
  return cvr_open && have_card ? 1 : 0;
}

static int copy_out(const char *value, char *buf, int *len) {
  if (!cvr_open || !have_card || !buf || !len) return 0;
  int n = (int)strlen(value);
  if (*len > 0 && n >= *len) n = *len - 1;
  memcpy(buf, value, (size_t)n);
  buf[n] = 0;
  *len = n;
  return 1;
}

EXPORT int STDCALL GetPeopleName(char *buf, int *len) { return copy_out(card_name, buf, len); }
EXPORT int STDCALL GetPeopleIDCode(char *buf, int *len) { return copy_out(card_id, buf, len); }
EXPORT int STDCALL GetPeopleAddress(char *buf, int *len) {
  private_reads++;
  return copy_out("FAKE ADDRESS", buf, len);
}
EXPORT int STDCALL GetBMPData(unsigned char *buf, int *len) {
  private_reads++;
  (void)buf;
  if (len) *len = 0;
  return 0;
}

/* ---- SDTAPI (公安部 standard; 精伦 iDR210 and others): 0x90 / 0x9F are success ---- */

EXPORT int STDCALL SDT_OpenPort(int port) {
  if (port != USB_PORT) return 0x01;
  sdt_open = 1;
  return 0x90;
}

EXPORT int STDCALL SDT_ClosePort(int port) {
  (void)port;
  sdt_open = 0;
  have_card = 0;
  return 0x90;
}

EXPORT int STDCALL SDT_StartFindIDCard(int port, unsigned char *manage, int if_open) {
  (void)port; (void)if_open;
  if (!sdt_open) return 0x01;
  if (manage) memset(manage, 0, 8);
  have_card = load_card();
  return have_card ? 0x9F : 0x80;
}

EXPORT int STDCALL SDT_SelectIDCard(int port, unsigned char *manage, int if_open) {
  (void)port; (void)if_open;
  if (manage) memset(manage, 0, 8);
  return sdt_open && have_card ? 0x90 : 0x81;
}

/* Text block: 256 bytes of UCS-2LE fixed fields; the ID number is 18 characters at byte 122. */
static void put_ucs2(unsigned char *out, size_t offset, size_t width, const char *ascii) {
  memset(out + offset, ' ', width);
  for (size_t i = 0; i < width / 2; i++) out[offset + 2 * i + 1] = 0;
  for (size_t i = 0; ascii[i] && 2 * i < width; i++) {
    out[offset + 2 * i] = (unsigned char)ascii[i];
    out[offset + 2 * i + 1] = 0;
  }
}

EXPORT int STDCALL SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *photo,
                                   unsigned int *photo_len, int if_open) {
  (void)port; (void)if_open;
  if (!sdt_open || !have_card) return 0x41;
  memset(text, 0, 256);
  put_ucs2(text, 0, 30, "FAKE");
  put_ucs2(text, 52, 70, "FAKE ADDRESS");
  put_ucs2(text, 122, 36, card_id);
  *text_len = 256;
  /* The photo block (WLT, 1024 bytes) comes with every read: the adapter must wipe it. */
  memset(photo, 0xAB, 1024);
  *photo_len = 1024;
  return 0x90;
}

/* For the tests only: how often the address or the photo was asked for. */
EXPORT int STDCALL Fake_PrivateReads(void) { return private_reads; }
