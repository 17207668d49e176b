import { folder, operation } from '../build';

export const transcodingFolder = folder('folder.transcoding', 'Transcoding', 'Preview how a message looks on each channel; nothing is sent (§4.7).', [
  operation({
    id: 'messages.transcode',
    name: 'Transcode message',
    description: 'Shows the channel-native payload a message becomes on SMS, WhatsApp and Messenger.',
    method: 'POST',
    path: '/messages:transcode',
    bodySchema: 'messages.transcode',
    body: {
      app_id: '{{app_id}}',
      app_message: {
        choice_message: {
          text_message: { text: 'Did this answer your question?' },
          choices: [{ text_message: { text: 'Yes' } }, { text_message: { text: 'No' } }],
        },
      },
      channels: ['SMS', 'WHATSAPP', 'MESSENGER'],
    },
  }),
]);
