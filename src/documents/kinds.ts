/** Files beside a story that a body may link to and that are published with it: documents, data, audio, archives. */
export const DOCUMENT = /\.(pdf|csv|tsv|txt|json|xlsx|xlsm|xls|docx|docm|doc|pptx|pptm|ppt|odt|ods|odp|rtf|epub|mp3|m4a|ogg|oga|wav|flac|zip)$/i;
