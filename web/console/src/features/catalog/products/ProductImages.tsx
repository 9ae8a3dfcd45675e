import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2, Upload } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { TextField } from '@/kit/Field';
import { toast } from '@/kit/toast';
import {
  catalogKeys,
  deleteImage,
  imageBlob,
  uploadImage,
  type Product,
  type ProductImage,
} from '../catalog.api';
import { editorMessages } from '../catalog.messages';

/** A product's images: previews (read with the session's token), upload (multipart) and delete. */
export function ProductImages({ product }: { readonly product: Product }) {
  const m = useMessages(editorMessages);
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [alt, setAlt] = useState('');
  const [inputKey, setInputKey] = useState(0);

  const refresh = () => queryClient.invalidateQueries({ queryKey: catalogKeys.product(product.id) });
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadImage(product.id, chosen, alt.trim()),
    onSuccess: async () => {
      toast.success(m.uploaded);
      setFile(undefined);
      setAlt('');
      setInputKey((k) => k + 1);
      await refresh();
    },
    onError: (error) => toast.error(m.uploadFailed, messageOf(error)),
  });
  const remove = useMutation({
    mutationFn: (imageId: string) => deleteImage(product.id, imageId),
    onSuccess: async () => {
      toast.success(m.deleted);
      await refresh();
    },
    onError: (error) => toast.error(m.deleteFailed, messageOf(error)),
  });

  return (
    <fieldset className="catalog-rows">
      <legend className="label">{m.images}</legend>
      {product.images.length === 0 ? (
        <p className="subtle">{m.noImages}</p>
      ) : (
        <ul className="catalog-images">
          {product.images.map((image) => (
            <li key={image.id}>
              <ImagePreview productId={product.id} image={image} />
              <IconButton
                label={m.deleteImage(image.alt ?? image.id)}
                disabled={remove.isPending}
                onClick={() => remove.mutate(image.id)}
              >
                <Trash2 aria-hidden="true" />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
      <div className="catalog-row">
        <div className="field">
          <label className="label" htmlFor={fileId}>
            {m.imageFile}
          </label>
          <input
            key={inputKey}
            id={fileId}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
        <TextField
          label={m.imageAlt}
          optional
          value={alt}
          onChange={(e) => setAlt(e.target.value)}
          maxLength={500}
        />
        <Button
          icon={<Upload aria-hidden="true" />}
          disabled={!file}
          busy={upload.isPending}
          onClick={() => file && upload.mutate(file)}
        >
          {m.upload}
        </Button>
      </div>
    </fieldset>
  );
}

function ImagePreview({ productId, image }: { readonly productId: string; readonly image: ProductImage }) {
  const m = useMessages(editorMessages);
  const blob = useQuery({
    queryKey: ['catalog', 'image', productId, image.id],
    queryFn: ({ signal }) => imageBlob(productId, image.id, signal),
    staleTime: Infinity,
  });
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const element = img.current;
    if (!blob.data || !element || typeof URL.createObjectURL !== 'function') return;
    const made = URL.createObjectURL(blob.data);
    element.src = made;
    return () => URL.revokeObjectURL(made);
  }, [blob.data]);
  if (!blob.data) return <span className="catalog-image" role="img" aria-label={m.imageLoading} />;
  return <img ref={img} className="catalog-image" alt={image.alt ?? ''} />;
}
