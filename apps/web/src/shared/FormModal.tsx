/** The frame of every form in a dialog: 确定 submits the form (busy while it is sent), 取消 closes, nothing is kept once closed. */
import type { ReactNode } from 'react';
import { Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  title: ReactNode;
  form: FormInstance;
  onCancel: () => void;
  busy: boolean;
  width?: number;
  children: ReactNode;
}

export function FormModal({ title, form, onCancel, busy, width, children }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open title={title} okText={t('action.submit')} cancelText={t('action.cancel')} onOk={() => form.submit()} onCancel={onCancel} confirmLoading={busy} destroyOnHidden width={width}>
      {children}
    </Modal>
  );
}
