package io.buzzbeam.pipelines.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend without its running total of the stored documents' byte
 * size, the one thing it changes: documents, indexes, queries and cursors are the library's own.
 *
 * <p>Why: the library keeps that total for {@code collStats}/{@code dbStats} only, and keeps it by
 * encoding every inserted, replaced or removed document to BSON once more ({@code
 * Utils.calculateSize}) after the wire protocol has just decoded it. In issue #12's profile of a
 * zone-A run, that second encoding was about a third of the embedded server's CPU samples (60 of
 * 218), on the run's critical tail, where the {@code morphs} documents are written. buzzbeam never
 * reads those statistics; with this backend {@code dataSize} and {@code size} report 0 (document
 * counts stay exact). The hook is the library's own ({@code AbstractMongoCollection.tracksDataSize},
 * which its H2 backend also turns off), so no library code is copied.
 */
final class UnsizedMemoryBackend extends MemoryBackend {

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName, getCursorRegistry());
  }

  private static final class Database extends MemoryDatabase {
    Database(String databaseName, CursorRegistry cursorRegistry) {
      super(databaseName, cursorRegistry);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
      return new Collection(this, collectionName, options, cursorRegistry);
    }
  }

  private static final class Collection extends MemoryCollection {
    Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected boolean tracksDataSize() {
      return false;
    }
  }
}
