package ${package};

import dagger.Component;
import dev.eider.distribution.StandardModules;
import dev.eider.runtime.service.Distribution;

/**
 * The component types this collector binary ships: Eider's standard ones plus this project's.
 * Add a module here for every component you write; drop StandardModules for a smaller binary
 * that lists its standard modules one by one.
 */
@Component(modules = {StandardModules.class, RowCountExporterModule.class})
public interface CustomDistribution extends Distribution {}
