package io.teatree.testkit;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * A blob store whose buckets and objects are always private, so S3Proxy answers every unsigned request 403. The
 * filesystem store derives ACLs from POSIX permissions: a world-readable directory or file would otherwise be
 * served to anyone (S3Proxy treats it as {@code public-read}).
 */
final class PrivateBlobStore extends ForwardingBlobStore {

    PrivateBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        return BucketCannedACL.PRIVATE;
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        // buckets stay private
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
        return ObjectCannedACL.PRIVATE;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
        return ObjectCannedACL.PRIVATE;
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access) {
        // objects stay private
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
        // objects stay private
    }
}
