package io.buzzbeam.transforms.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Beam's {@link TestPipeline} under JUnit 5: a test class declares {@code final transient
 * TestPipeline p = TestPipeline.create();} and {@code @ExtendWith(TestPipelineExtension.class)}.
 * Each test method runs inside the pipeline's own rule logic, as under JUnit 4's {@code @Rule}:
 * the pipeline gets the test's name, and a test that builds a pipeline without running it, or
 * leaves a {@code PAssert} unrun, fails.
 */
public final class TestPipelineExtension implements InvocationInterceptor {

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
      throws Throwable {
    Statement test =
        new Statement() {
          @Override
          public void evaluate() throws Throwable {
            invocation.proceed();
          }
        };
    Object instance = call.getTarget().orElseThrow();
    Description description =
        Description.createTestDescription(
            instance.getClass(), call.getExecutable().getName(), call.getExecutable().getAnnotations());
    for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == TestPipeline.class) {
          f.setAccessible(true);
          test = ((TestPipeline) f.get(instance)).apply(test, description);
        }
      }
    }
    test.evaluate();
  }
}
