const id = {
  imageTextTitle: 'Teks dalam gambar',
  imageTextEngine: 'Mesin OCR',
  imageTextWords: 'kata terbaca',
  imageTextEvidence: 'kata bukti disorot',
  imageTextCopy: 'Teks terbaca (pilih untuk menyalin)',
  imageTextNone: 'Tidak ada teks terbaca.',
  imageTextError: 'Gambar tidak terbaca',
};

export type ImageTextMessages = typeof id;

const en: ImageTextMessages = {
  imageTextTitle: 'Text in images',
  imageTextEngine: 'OCR engine',
  imageTextWords: 'words read',
  imageTextEvidence: 'evidence words highlighted',
  imageTextCopy: 'Text read (select to copy)',
  imageTextNone: 'No text read.',
  imageTextError: 'Image could not be read',
};

export const imageTextMessages = { id, en };
